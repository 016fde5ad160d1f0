/**
 * The names of the snapshots the server takes by itself. They are stored as plain names, like the
 * ones people type, in one fixed English form; every screen and report shows that form in its own
 * language [LG1]. A name a person typed in the same form reads the same way, which is what it says.
 */
import type { Translator } from '../i18n/translate';

const BEFORE_STEP = /^Before step (\d{1,4}): (.*)$/s;

/** [SE7] The name of the snapshot taken as a step starts (step counted from 1). */
export function beforeStepName(step: number, title: string): string {
  return `Before step ${step}: ${title}`;
}

/** A snapshot's name as a person reads it in `translator`'s language. */
export function shownSnapshotName(name: string, translator: Translator): string {
  const automatic = BEFORE_STEP.exec(name);
  if (!automatic) return name;
  return translator.t('common.snapshot.beforeStep', { step: Number(automatic[1]), title: automatic[2] ?? '' });
}
