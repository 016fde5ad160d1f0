/**
 * [RC2] The facilitator's Report panel, docked beside the board: the cover's fields, the cluster
 * profiles, the introduction and the conclusion, as every report format prints them. Shown to
 * facilitators only (DockedPanel.tsx); the server refuses these writes from anyone else (RC3).
 */
import '../facilitate/facilitate.css';
import './report.css';
import { useT } from '../../i18n/I18n';
import { PanelSection } from '../facilitate/parts';
import { DockPanel } from '../layout/DockPanel';
import { ProfilesForm } from './ProfilesForm';
import { useReportSource } from './reportSource';
import { ReportTextEditor } from './ReportTextEditor';
import { SettingsForm } from './SettingsForm';

export function ReportPanel({ onClose }: { onClose(): void }) {
  const { t } = useT();
  const report = useReportSource();
  return (
    <DockPanel title={t('reportContent.panel.title')} onClose={onClose}>
      <p className="field-hint report-intro">{t('reportContent.panel.intro')}</p>
      <PanelSection id="report-settings" title={t('reportContent.section.settings')}>
        <SettingsForm settings={report.settings} />
      </PanelSection>
      <PanelSection id="report-introduction" title={t('reportContent.section.introduction')}>
        <ReportTextEditor name="introduction" label={t('reportContent.section.introduction')} text={report.introduction} />
      </PanelSection>
      <PanelSection id="report-profiles" title={t('reportContent.section.profiles')}>
        <ProfilesForm profiles={report.profiles} />
      </PanelSection>
      <PanelSection id="report-conclusion" title={t('reportContent.section.conclusion')}>
        <ReportTextEditor name="conclusion" label={t('reportContent.section.conclusion')} text={report.conclusion} />
      </PanelSection>
    </DockPanel>
  );
}
