// Small timings so that the device tests run fast; behaviour is the same as with the defaults.
export const FAST_BACKOFF = { initialDelayMs: 50, maxDelayMs: 200 };
