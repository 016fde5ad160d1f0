/**
 * What the facilitator writes on a board for its report, beside the notes: the deliverable's
 * identity (cover page), one profile per cluster, and the introduction and conclusion. Kept in
 * the board (synced, exported and imported with it); read from the document by
 * `readReportContent` in `shared/model/reportContent.ts`, rendered by every report format.
 */
import type { ClusterRef } from '../model/vocabulary';

/** The cover page's fields; an empty string is a field the facilitator left blank. */
export interface ReportSettings {
  title: string;
  /** "D1.4" */
  deliverable: string;
  /** "2.0" */
  version: string;
  /** The deliverable's date as the facilitator wrote it, ISO "2026-12-02" or "". */
  date: string;
  /** "Public", "Sensitive", ... */
  dissemination: string;
  /** "Report", "Document, report", ... */
  type: string;
  funding: string;
  editor: string;
}

export interface ClusterProfile {
  cluster: ClusterRef;
  fullName: string;
  location: string;
  membership: string;
  technologyFocus: string;
  /** The cluster's creation date as written ("2000", "March 2009"). */
  created: string;
}

/** One block of the introduction or conclusion: a paragraph or an item of a list. */
export interface TextBlock {
  kind: 'paragraph' | 'bullet' | 'numbered';
  text: string;
}

export interface ReportContent {
  settings: ReportSettings;
  /** In the board's order; a cluster appears at most once. */
  profiles: ClusterProfile[];
  /** Empty when the facilitator wrote none: the section is then left out of the report. */
  introduction: TextBlock[];
  conclusion: TextBlock[];
}

export function emptyReportContent(): ReportContent {
  return {
    settings: { title: '', deliverable: '', version: '', date: '', dissemination: '', type: '', funding: '', editor: '' },
    profiles: [],
    introduction: [],
    conclusion: [],
  };
}
