/** ReplicationLocation: the GetBucketReplicationLocation answer (where this bucket may replicate to). */
import { buildXmlDocument, parseXmlDocument, type XmlBuildNode } from './codec';
import { asNode, nodeList, optionalNode, requiredText, textList } from './read';
import type { ReplicationLocation } from './types';
import { trimmed } from './values';

const ROOT = 'ReplicationLocation';
const TT_PATH = `${ROOT}.LocationTransferTypeConstraint`;

/** Keeps every TransferTypes/Type (oss2 reads only the first). */
export function parseReplicationLocation(xml: string): ReplicationLocation {
  const root = asNode(parseXmlDocument(xml, ROOT), ROOT);
  const constraint = optionalNode(root, 'LocationTransferTypeConstraint', ROOT);
  const rtc = optionalNode(root, 'LocationRTCConstraint', ROOT);
  const entries = constraint === undefined ? [] : nodeList(constraint, 'LocationTransferType', TT_PATH);
  return {
    locations: textList(root, 'Location', ROOT).map(trimmed),
    transferTypeConstraints: entries.map((entry, index) => {
      const path = `${TT_PATH}.LocationTransferType[${index}]`;
      const types = optionalNode(entry, 'TransferTypes', path);
      return {
        location: trimmed(requiredText(entry, 'Location', path)),
        transferTypes: types === undefined ? [] : textList(types, 'Type', `${path}.TransferTypes`).map(trimmed),
      };
    }),
    rtcLocations: rtc === undefined ? [] : textList(rtc, 'Location', `${ROOT}.LocationRTCConstraint`).map(trimmed),
  };
}

/** Empty constraint lists are left out, as in OSS answers for regions without them. */
export function buildReplicationLocation(model: ReplicationLocation): string {
  const body: XmlBuildNode = {
    Location: [...model.locations],
    LocationTransferTypeConstraint:
      model.transferTypeConstraints.length === 0
        ? undefined
        : {
            LocationTransferType: model.transferTypeConstraints.map((entry) => ({
              Location: entry.location,
              TransferTypes: { Type: [...entry.transferTypes] },
            })),
          },
    LocationRTCConstraint: model.rtcLocations.length === 0 ? undefined : { Location: [...model.rtcLocations] },
  };
  return buildXmlDocument(ROOT, body);
}
