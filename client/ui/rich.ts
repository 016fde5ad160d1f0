/**
 * A message with marked parts drawn as elements ("<b>{title}</b> is open: …"): the whole sentence
 * stays one message, so each language orders it its own way. `useT().intl` is typed for plain
 * text; FormatJS itself passes the tags' elements through.
 */
import type { IntlShape } from '@formatjs/intl';
import { Children, type ReactNode } from 'react';
import type { MessageKey } from '../../shared/i18n/catalogue';
import type { Translator } from '../../shared/i18n/translate';

type Value = string | number | Date | null | undefined | ReactNode | ((chunks: ReactNode[]) => ReactNode);

export function richText(translator: Translator, key: MessageKey, values: Record<string, Value>): ReactNode {
  const parts = (translator.intl as unknown as IntlShape<ReactNode>).formatMessage({ id: key }, values as never);
  // Keyed, as React wants every element of a list to be.
  return Array.isArray(parts) ? Children.toArray(parts) : parts;
}
