/** [RC2] The report's cover: title, deliverable, version, date, dissemination, type, funding, editor. */
import type { MessageKey } from '../../../shared/i18n/catalogue';
import { REPORT_SETTING_NAMES, REPORT_SETTINGS_MAX, type ReportSettingName } from '../../../shared/model/schema';
import type { ReportSettings } from '../../../shared/report/content';
import { useT } from '../../i18n/I18n';
import { useBoard } from '../context';
import { DraftField } from './DraftField';

const LABELS: Readonly<Record<ReportSettingName, MessageKey>> = {
  title: 'reportContent.settings.title',
  deliverable: 'reportContent.settings.deliverable',
  version: 'reportContent.settings.version',
  date: 'reportContent.settings.date',
  dissemination: 'reportContent.settings.dissemination',
  type: 'reportContent.settings.type',
  funding: 'reportContent.settings.funding',
  editor: 'reportContent.settings.editor',
};

export function SettingsForm({ settings }: { settings: ReportSettings }) {
  const { t } = useT();
  const { session, run } = useBoard();
  return (
    <div className="report-form">
      <p className="field-hint">{t('reportContent.settings.hint')}</p>
      {REPORT_SETTING_NAMES.map((name) => (
        <DraftField
          key={name}
          label={t(LABELS[name])}
          value={settings[name]}
          max={REPORT_SETTINGS_MAX[name]}
          type={name === 'date' ? 'date' : 'text'}
          multiline={name === 'funding'}
          onSave={(value) => run(() => session.commands.setReportSettings({ [name]: value }))}
        />
      ))}
    </div>
  );
}
