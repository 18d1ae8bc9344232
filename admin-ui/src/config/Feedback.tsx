// The outcome of the last save: what changed, or why the hub refused (naming the field).
export interface Outcome {
  ok: boolean;
  text: string;
}

export function Feedback({ outcome }: { outcome: Outcome | undefined }) {
  if (!outcome) return null;
  return (
    <p className={`notice ${outcome.ok ? 'ok' : 'bad'}`} role={outcome.ok ? 'status' : 'alert'} data-testid="config-feedback">
      {outcome.text}
    </p>
  );
}
