// logproto.PushRequest, Loki's protobuf push message, as a protobufjs reflection root (written here rather than
// generated: only the push path is needed). Field numbers follow grafana/loki pkg/push/push.proto.
import protobuf from 'protobufjs';

const root = protobuf.Root.fromJSON({
  nested: {
    google: {
      nested: {
        protobuf: {
          nested: {
            Timestamp: { fields: { seconds: { type: 'int64', id: 1 }, nanos: { type: 'int32', id: 2 } } },
          },
        },
      },
    },
    logproto: {
      nested: {
        PushRequest: { fields: { streams: { rule: 'repeated', type: 'StreamAdapter', id: 1 } } },
        StreamAdapter: {
          fields: {
            labels: { type: 'string', id: 1 },
            entries: { rule: 'repeated', type: 'EntryAdapter', id: 2 },
            hash: { type: 'uint64', id: 3 },
          },
        },
        EntryAdapter: {
          fields: {
            timestamp: { type: 'google.protobuf.Timestamp', id: 1 },
            line: { type: 'string', id: 2 },
            structuredMetadata: { rule: 'repeated', type: 'LabelPairAdapter', id: 3 },
          },
        },
        LabelPairAdapter: { fields: { name: { type: 'string', id: 1 }, value: { type: 'string', id: 2 } } },
      },
    },
  },
});

export const PushRequestType = root.lookupType('logproto.PushRequest');

/** Decoded message shapes (protobufjs gives int64 as Long when `long` is installed, else number). */
export interface Int64Like {
  low: number;
  high: number;
}
export interface ProtoTimestamp {
  seconds?: Int64Like | number;
  nanos?: number;
}
export interface ProtoEntry {
  timestamp?: ProtoTimestamp | null;
  line?: string;
  structuredMetadata?: { name?: string; value?: string }[];
}
export interface ProtoStream {
  labels?: string;
  entries?: ProtoEntry[];
}
export interface ProtoPushRequest {
  streams?: ProtoStream[];
}
