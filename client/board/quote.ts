/** A note's first line in quotes, shortened: how labels and announcements name a note. */
export function quote(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return `“${line.length > 50 ? `${line.slice(0, 47)}…` : line || 'empty note'}”`;
}
