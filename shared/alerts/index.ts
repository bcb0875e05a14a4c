export * from './types';
export { openIncident, reconcileIncidents } from './incidents';
export type { IncidentOptions, ReconcileResult } from './incidents';
export { deliver, DEFAULT_ATTEMPT_TIMEOUT_MS } from './deliver';
export type { DeliverOptions, DeliverOutcome, ChannelDelivery } from './deliver';
export { EMPTY_RATE_LIMIT_STATE, planBatches } from './rateLimit';
export type { RateLimitState, BatchPlan } from './rateLimit';
export { buildChannels } from './channelRegistry';
export type { RegistryOptions, BuiltChannels, ChannelConfigError } from './channelRegistry';
export {
  dingtalkSign,
  dingtalkSignedUrl,
  larkSign,
  webhookSignature,
  webhookSignatureHeader,
  verifyWebhookSignature,
  WEBHOOK_SIGNATURE_HEADER,
} from './channels/signers';
export { dingtalkChannel } from './channels/dingtalk';
export type { WebhookChannelOptions } from './channels/httpChannel';
export { larkChannel } from './channels/lark';
export { wecomChannel } from './channels/wecom';
export { slackChannel } from './channels/slack';
export { webhookChannel } from './channels/webhook';
export { cloudMonitorChannel, CMS_API_VERSION } from './channels/cloudmonitor';
export type { CloudMonitorChannelOptions, RpcClient, RpcClientConfig, RpcClientFactory } from './channels/cloudmonitor';
export { renderDingtalk } from './channels/dingtalk';
export { renderLark } from './channels/lark';
export { renderWecom } from './channels/wecom';
export { renderSlack } from './channels/slack';
export { renderWebhook } from './channels/webhook';
export type { WebhookBody, WebhookEventType } from './channels/webhook';
export { renderCloudMonitorEvents, renderCloudMonitorMetrics } from './channels/cloudmonitor';
export { toDoc } from './render/model';
export { makeAlerter, sendAlerts, type Alerter, type AlerterOptions, type AlertReport, type EnvLookup, type SentAlerts } from './alerter';
export { channelsFor, messagesPerChannel } from './routing';
export { correlateFindings } from './correlate';
export { digestDue, digestSlot, dueDigests, type DigestSource } from './digest';
export {
  ALERTS_STATE_SCHEMA,
  checkAlertsState,
  emptyAlertsState,
  loadAlertsState,
  saveAlertsState,
  type AlertsState,
  type StoredMessage,
} from './alertsState';
export {
  alertBlocked,
  checkBlockedAlerts,
  readBlockedAlerts,
  readBlockedIncidents,
  type BlockedAlertsState,
  type BlockedMemoryDeps,
} from './blockedMemory';
export { stateProblemMessage, type StateProblem } from './stateAlerts';
export { appendTimeline, readTimeline, timelineEntry, MAX_TIMELINE_ENTRIES, type TimelineEntry } from './timeline';
