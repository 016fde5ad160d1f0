/**
 * Counts in words, one place for the plural rule so the i18n pass (issue 17) swaps in its
 * catalogue: each form is a whole phrase with `#` where the number goes.
 */
const rules = new Intl.PluralRules('en');

export function plural(count: number, forms: { one: string; other: string }): string {
  return (rules.select(count) === 'one' ? forms.one : forms.other).replace('#', String(count));
}
