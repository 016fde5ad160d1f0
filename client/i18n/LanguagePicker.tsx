/** The language of the screen, picked from a list of each language's name in itself. */
import { isLocale, LOCALE_NAMES, LOCALES } from '../../shared/i18n/locales';
import { useLanguage, useT } from './I18n';

/** `labelHidden`: the word "Language" is for screen readers only (the board header shows the select alone). */
export function LanguagePicker({ className, labelHidden = false }: { className?: string; labelHidden?: boolean }) {
  const { t } = useT();
  const { locale, setLocale } = useLanguage();
  return (
    <label className={['language-picker', className].filter(Boolean).join(' ')}>
      <span className={labelHidden ? 'language-picker-label visually-hidden' : 'language-picker-label'}>{t('common.language')}</span>
      <select
        value={locale}
        title={t('common.language.choose')}
        onChange={(event) => {
          if (isLocale(event.target.value)) void setLocale(event.target.value);
        }}
      >
        {LOCALES.map((option) => (
          <option key={option} value={option} lang={option}>
            {LOCALE_NAMES[option]}
          </option>
        ))}
      </select>
    </label>
  );
}
