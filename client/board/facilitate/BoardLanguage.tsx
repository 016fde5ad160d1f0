/**
 * [LG3] The board's language: what a viewer link (the projector) shows in a browser that never
 * picked a language, and what the reports are written in. A board setting written by name
 * (setBoardLanguage); the server's guard takes board settings from facilitators only (G3).
 */
import { useId } from 'react';
import { isLocale, LOCALE_NAMES, LOCALES } from '../../../shared/i18n/locales';
import { useT } from '../../i18n/I18n';
import { useBoard, useBoardView } from '../context';
import { PanelSection } from './parts';

export function BoardLanguage() {
  const { t } = useT();
  const { session, run } = useBoard();
  const language = useBoardView().meta.language;
  const id = useId();
  return (
    <PanelSection id="language" title={t('report.boardLanguage.label')}>
      <div className="facilitate-field">
        <label htmlFor={`${id}-select`}>{t('common.language')}</label>
        <select
          id={`${id}-select`}
          value={language ?? ''}
          aria-describedby={`${id}-hint`}
          onChange={(event) => {
            const chosen = event.target.value;
            if (isLocale(chosen)) run(() => session.commands.setBoardLanguage(chosen));
          }}
        >
          {language === null && (
            <option value="" disabled>
              {t('report.boardLanguage.unset')}
            </option>
          )}
          {LOCALES.map((locale) => (
            <option key={locale} value={locale} lang={locale}>
              {LOCALE_NAMES[locale]}
            </option>
          ))}
        </select>
        <p id={`${id}-hint`} className="field-hint">
          {t('report.boardLanguage.hint')}
        </p>
      </div>
    </PanelSection>
  );
}
