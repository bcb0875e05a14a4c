import type { FactValue } from '../progress';
import { openIncident } from './incidents';
import type { AlertMessage } from './types';

/** A problem with the system's own state, told once to every channel of the policy file. */
export interface StateProblem {
  readonly kind: 'state-bucket-unusable' | 'state-document-quarantined';
  readonly stateBucket: string;
  readonly region?: string;
  /** Stable per problem: the incident key is `<state bucket>/<kind>/<detail>`. */
  readonly detail: string;
  readonly summary: string;
  readonly hint: string;
  readonly facts: Readonly<Record<string, FactValue>>;
}

/**
 * The one message about a state problem, for every channel (no `to`, see shared/alerts/routing.ts): a person must act, whichever
 * policy they own. There is no incident lifecycle behind it (the state that would hold one is the
 * problem); the callers send it once (see shared/services/stateGuard.ts and the quarantine in
 * shared/state/jsonDocumentStore.ts).
 */
export function stateProblemMessage(problem: StateProblem, now: Date): AlertMessage {
  const at = now.toISOString();
  const incident = openIncident(
    {
      key: `${problem.stateBucket}/${problem.kind}/${problem.detail}`,
      kind: problem.kind,
      severity: 'critical',
      rule: {
        bucket: problem.stateBucket,
        ...(problem.region ? { region: problem.region } : {}),
        ruleId: '-',
        destinationBucket: '-',
        destinationRegion: '-',
      },
      summary: problem.summary,
      hint: problem.hint,
      facts: problem.facts,
    },
    at,
  );
  return { kind: 'notification', notification: { type: 'opened', at, incident } };
}
