// What drivers and simulators need from a link: write bytes, hear bytes. Both a plain Transport and a
// ReconnectingTransport fit, so a simulator can sit on either.
export interface ByteLink {
  write(data: Uint8Array): Promise<void>;
  on(event: 'data', listener: (chunk: Buffer) => void): unknown;
}
