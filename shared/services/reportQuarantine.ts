import { type Alerter, stateProblemMessage } from '../alerts';
import type { QuarantineListener, QuarantineReport } from '../state';
import type { Logger } from '../log';

export interface QuarantineReportDeps {
  readonly stateBucket: string;
  readonly region: string;
  readonly log: Logger;
  readonly alert: Alerter;
  readonly now: () => Date;
}

/** Logs a document the store moved aside and alerts about it once (the store reports each version once). */
export function reportQuarantine(deps: QuarantineReportDeps): QuarantineListener {
  return async (report: QuarantineReport) => {
    deps.log.error('state document quarantined: it could not be used, was moved aside, and the job went on from a fresh one', {
      ...report,
      stateBucket: deps.stateBucket,
    });
    await deps.alert([
      stateProblemMessage(
        {
          kind: 'state-document-quarantined',
          stateBucket: deps.stateBucket,
          region: deps.region,
          detail: report.movedTo,
          summary: `${report.key} in the state bucket could not be used (${report.reason}); it was moved to ${report.movedTo} and the functions went on from a fresh document.`,
          hint: 'Nothing needs restoring for the system to work. Read the quarantined copy to learn what wrote it (only these functions should write the state bucket), then delete it.',
          facts: { key: report.key, movedTo: report.movedTo, reason: report.reason },
        },
        deps.now(),
      ),
    ]);
  };
}
