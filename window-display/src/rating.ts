// The window screen as a rating pad: one POST to the contract's rating route per visit.
export const SCORES = ['very-satisfied', 'satisfied', 'basic', 'dissatisfied'] as const;
export type Score = (typeof SCORES)[number];

export type RatingOutcome = 'recorded' | 'already' | 'failed';

export async function submitRating(windowId: string, score: Score, screenKey: string | undefined): Promise<RatingOutcome> {
  try {
    const res = await fetch(`/api/v1/windows/${encodeURIComponent(windowId)}/rating`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(screenKey ? { 'x-screen-key': screenKey } : {}) },
      body: JSON.stringify({ score }),
    });
    if (res.status === 201) return 'recorded';
    return res.status === 409 ? 'already' : 'failed';
  } catch {
    return 'failed';
  }
}
