// Figures that many commits change in a row (waiting counts, the kiosks' tiles) are sent once per turn of
// the event loop, after the answers of that turn: the caller who issued a ticket does not wait for every
// screen's copy of the new count, and a burst of tickets sends one update instead of one per ticket.
// Each run reads the state in force when it runs, so nothing sent is ever older than a commit before it.

export function oncePerTurn(run: () => void, what: string): () => void {
  let scheduled = false;
  return () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      try {
        run();
      } catch (err) {
        console.error(`yichuang: ${what} failed`, err);
      }
    });
  };
}
