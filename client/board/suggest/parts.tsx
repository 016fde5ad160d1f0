import type { MessageKey } from '../../../shared/i18n/catalogue';
import { useT } from '../../i18n/I18n';
import type { Proposals } from './useProposals';

/** Looking, nothing found, or the worker failed: said once, above the list. */
export function ProposalStatus({
  proposals,
  count,
  none,
  some = 'suggest.count',
}: {
  proposals: Proposals<unknown>;
  count: number;
  none: MessageKey;
  some?: MessageKey;
}) {
  const { t } = useT();
  let text: string | null = null;
  if (proposals.status === 'loading') text = t('suggest.looking');
  else if (proposals.status === 'failed') text = t('suggest.failed');
  else if (count === 0) text = t(none);
  return (
    <p className="proposal-status" role="status">
      {text ?? t(some, { count })}
    </p>
  );
}
