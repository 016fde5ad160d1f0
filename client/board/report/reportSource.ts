/**
 * The report's content as this screen last read it, for the Report panel: read again only when
 * one of its four roots changes (not on every note edit), and the same object until then, so
 * React re-renders the panel only for a change to the report.
 */
import { useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { readReportSource, reportProfilesMap, reportSettingsMap, type ReportSource, reportText } from '../../../shared/model/reportContent';
import { Listeners } from '../../store';
import { useBoard } from '../context';

class ReportSourceStore {
  private source: ReportSource | null = null;
  private readonly listeners = new Listeners();

  constructor(private readonly doc: Y.Doc) {
    const changed = () => {
      this.source = null;
      this.listeners.notify();
    };
    reportSettingsMap(doc).observe(changed);
    reportProfilesMap(doc).observeDeep(changed);
    reportText(doc, 'introduction').observe(changed);
    reportText(doc, 'conclusion').observe(changed);
  }

  readonly subscribe = this.listeners.subscribe;

  readonly get = (): ReportSource => {
    this.source ??= readReportSource(this.doc);
    return this.source;
  };
}

const stores = new WeakMap<Y.Doc, ReportSourceStore>();

/** The report's content on this board, re-rendering the caller when it changes. */
export function useReportSource(): ReportSource {
  const { doc } = useBoard().session;
  let store = stores.get(doc);
  if (!store) {
    store = new ReportSourceStore(doc);
    stores.set(doc, store);
  }
  return useSyncExternalStore(store.subscribe, store.get);
}
