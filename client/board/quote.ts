import { t } from '../i18n/current';

/**
 * A note's first line in the language's quotation marks, shortened: how labels and announcements
 * name a note. The text itself stays as written (LG6).
 */
export function quote(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return t('board.quote', { text: line.length > 50 ? `${line.slice(0, 47)}…` : line || t('board.quote.empty') });
}
