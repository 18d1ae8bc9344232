// Optimistic concurrency for the admin's edits: the hash of what the editor loaded, sent back in
// If-Match (quoted as an entity tag or bare); the edit is refused with 409 when it is no longer current.

export const ifMatch = (req: { header(name: string): string | undefined }): string | undefined => req.header('if-match')?.replace(/^"|"$/g, '');
