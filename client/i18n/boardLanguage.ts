/**
 * [LG3] A viewer link (the projector) in a browser that never picked a language shows the board's
 * language, and follows it when the facilitator changes it. A language picked in this browser is
 * remembered (LG2) and wins from then on; other links show the person's own language.
 */
import { useEffect } from 'react';
import type { Locale } from '../../shared/i18n/locales';
import type { Role } from '../../shared/protocol';
import { useLanguage, useShowLocale } from './I18n';
import { rememberedLocale } from './language';

export function useBoardLanguage(board: Locale | null, role: Role): void {
  const { locale } = useLanguage();
  const showLocale = useShowLocale();
  useEffect(() => {
    if (role !== 'viewer' || board === null || board === locale || rememberedLocale() !== null) return;
    void showLocale(board);
  }, [board, role, locale, showLocale]);
}
