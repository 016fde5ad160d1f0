import { type FormEvent, useState } from 'react';
import { clusterLabel, CLUSTERS } from '../../../shared/model/vocabulary';
import type { PersonStatus } from '../../../shared/workshop/control';
import { currentAttributionWords } from '../../i18n/current';
import { useT } from '../../i18n/I18n';
import { Notice, Problem } from './parts';
import { useCommand } from './useAction';

/**
 * Merges a cluster name people made up ("Silicon Saxony e.V.", "SilSax") into another: everyone of
 * the first now belongs to the second, and the cluster cap counts them together (SPEC SE5).
 */
export function MergeClusters({ people }: { people: ReadonlyMap<string, PersonStatus> }) {
  const { t } = useT();
  const label = (cluster: string) => clusterLabel(cluster, currentAttributionWords());
  const merge = useCommand();
  const [from, setFrom] = useState('');
  const [into, setInto] = useState('');
  const [done, setDone] = useState<string | null>(null);

  const members = new Map<string, number>();
  for (const person of people.values()) if (person.cluster !== null) members.set(person.cluster, (members.get(person.cluster) ?? 0) + 1);
  const inUse = [...members.keys()].sort((a, b) => label(a).localeCompare(label(b)));
  const targets = [...new Set([...CLUSTERS.map((c) => c.id as string), ...inUse])].filter((c) => c !== from);
  const count = members.get(from) ?? 0;

  if (inUse.length === 0) return null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (merge.busy) return;
    if (!from || !members.has(from)) return merge.refuse(t('facilitate.merge.from.missing'));
    if (!into || into === from) return merge.refuse(t('facilitate.merge.into.missing'));
    const text = t('facilitate.merge.done', { count, from: label(from), into: label(into) });
    setDone(null);
    merge.send(
      { type: 'mergeClusters', from, into },
      {
        onDone: () => {
          setDone(text);
          setFrom('');
          setInto('');
        },
      },
    );
  };

  return (
    <form className="facilitate-group merge-clusters" onSubmit={submit} noValidate aria-labelledby="facilitate-merge-heading">
      <h3 id="facilitate-merge-heading" className="facilitate-subheading">
        {t('facilitate.merge.heading')}
      </h3>
      <p className="field-hint">{t('facilitate.merge.hint')}</p>
      <div className="merge-fields">
        <div className="facilitate-field">
          <label htmlFor="facilitate-merge-from">{t('facilitate.merge.from')}</label>
          <select id="facilitate-merge-from" value={from} onChange={(e) => setFrom(e.target.value)}>
            <option value="">{t('facilitate.merge.choose')}</option>
            {inUse.map((cluster) => (
              <option key={cluster} value={cluster}>
                {label(cluster)} ({members.get(cluster)})
              </option>
            ))}
          </select>
        </div>
        <div className="facilitate-field">
          <label htmlFor="facilitate-merge-into">{t('facilitate.merge.into')}</label>
          <select id="facilitate-merge-into" value={into} onChange={(e) => setInto(e.target.value)}>
            <option value="">{t('facilitate.merge.choose')}</option>
            {targets.map((cluster) => (
              <option key={cluster} value={cluster}>
                {label(cluster)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <button type="submit" {...(merge.busy ? { 'aria-disabled': true } : {})}>
        {t('facilitate.merge.button')}
      </button>
      <Problem text={merge.problem} />
      <Notice text={done} />
    </form>
  );
}
