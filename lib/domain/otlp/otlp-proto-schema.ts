// The subset of the OTLP protobuf schema (opentelemetry-proto v1.x) that Tracehound decodes and answers with,
// as a protobufjs JSON descriptor. Field numbers follow opentelemetry/proto/{common,resource,trace,logs,
// collector}/v1/*.proto. All messages live in one namespace: package names do not appear on the wire, and
// the message names below are unique. Enums are declared as int32 so unknown enum values survive decoding.
// Unknown fields are skipped by protobufjs, as the OTLP spec requires.
import protobuf from 'protobufjs';

const kv = (id: number) => ({ rule: 'repeated', type: 'KeyValue', id });

const descriptor = {
  nested: {
    otlp: {
      nested: {
        AnyValue: {
          oneofs: { value: { oneof: ['stringValue', 'boolValue', 'intValue', 'doubleValue', 'arrayValue', 'kvlistValue', 'bytesValue'] } },
          fields: {
            stringValue: { type: 'string', id: 1 },
            boolValue: { type: 'bool', id: 2 },
            intValue: { type: 'int64', id: 3 },
            doubleValue: { type: 'double', id: 4 },
            arrayValue: { type: 'ArrayValue', id: 5 },
            kvlistValue: { type: 'KeyValueList', id: 6 },
            bytesValue: { type: 'bytes', id: 7 },
          },
        },
        ArrayValue: { fields: { values: { rule: 'repeated', type: 'AnyValue', id: 1 } } },
        KeyValueList: { fields: { values: kv(1) } },
        KeyValue: { fields: { key: { type: 'string', id: 1 }, value: { type: 'AnyValue', id: 2 } } },
        InstrumentationScope: {
          fields: {
            name: { type: 'string', id: 1 },
            version: { type: 'string', id: 2 },
            attributes: kv(3),
            droppedAttributesCount: { type: 'uint32', id: 4 },
          },
        },
        Resource: { fields: { attributes: kv(1), droppedAttributesCount: { type: 'uint32', id: 2 } } },
        ResourceSpans: {
          fields: {
            resource: { type: 'Resource', id: 1 },
            scopeSpans: { rule: 'repeated', type: 'ScopeSpans', id: 2 },
            schemaUrl: { type: 'string', id: 3 },
          },
        },
        ScopeSpans: {
          fields: {
            scope: { type: 'InstrumentationScope', id: 1 },
            spans: { rule: 'repeated', type: 'Span', id: 2 },
            schemaUrl: { type: 'string', id: 3 },
          },
        },
        Span: {
          fields: {
            traceId: { type: 'bytes', id: 1 },
            spanId: { type: 'bytes', id: 2 },
            traceState: { type: 'string', id: 3 },
            parentSpanId: { type: 'bytes', id: 4 },
            flags: { type: 'fixed32', id: 16 },
            name: { type: 'string', id: 5 },
            kind: { type: 'int32', id: 6 },
            startTimeUnixNano: { type: 'fixed64', id: 7 },
            endTimeUnixNano: { type: 'fixed64', id: 8 },
            attributes: kv(9),
            droppedAttributesCount: { type: 'uint32', id: 10 },
            events: { rule: 'repeated', type: 'Event', id: 11 },
            droppedEventsCount: { type: 'uint32', id: 12 },
            links: { rule: 'repeated', type: 'Link', id: 13 },
            droppedLinksCount: { type: 'uint32', id: 14 },
            status: { type: 'Status', id: 15 },
          },
        },
        Event: {
          fields: {
            timeUnixNano: { type: 'fixed64', id: 1 },
            name: { type: 'string', id: 2 },
            attributes: kv(3),
            droppedAttributesCount: { type: 'uint32', id: 4 },
          },
        },
        Link: {
          fields: {
            traceId: { type: 'bytes', id: 1 },
            spanId: { type: 'bytes', id: 2 },
            traceState: { type: 'string', id: 3 },
            attributes: kv(4),
            droppedAttributesCount: { type: 'uint32', id: 5 },
            flags: { type: 'fixed32', id: 6 },
          },
        },
        Status: { fields: { message: { type: 'string', id: 2 }, code: { type: 'int32', id: 3 } } },
        // google.rpc.Status: the body of OTLP/HTTP error responses, and gRPC's grpc-status-details-bin (where
        // a google.rpc.RetryInfo detail tells OTLP/gRPC clients when to retry).
        RpcStatus: {
          fields: { code: { type: 'int32', id: 1 }, message: { type: 'string', id: 2 }, details: { rule: 'repeated', type: 'ProtoAny', id: 3 } },
        },
        ProtoAny: { fields: { typeUrl: { type: 'string', id: 1 }, value: { type: 'bytes', id: 2 } } },
        RetryInfo: { fields: { retryDelay: { type: 'ProtoDuration', id: 1 } } },
        ProtoDuration: { fields: { seconds: { type: 'int64', id: 1 }, nanos: { type: 'int32', id: 2 } } },
        ExportTraceServiceRequest: { fields: { resourceSpans: { rule: 'repeated', type: 'ResourceSpans', id: 1 } } },
        ExportTraceServiceResponse: { fields: { partialSuccess: { type: 'ExportTracePartialSuccess', id: 1 } } },
        ExportTracePartialSuccess: { fields: { rejectedSpans: { type: 'int64', id: 1 }, errorMessage: { type: 'string', id: 2 } } },
        ResourceLogs: {
          fields: {
            resource: { type: 'Resource', id: 1 },
            scopeLogs: { rule: 'repeated', type: 'ScopeLogs', id: 2 },
            schemaUrl: { type: 'string', id: 3 },
          },
        },
        ScopeLogs: {
          fields: {
            scope: { type: 'InstrumentationScope', id: 1 },
            logRecords: { rule: 'repeated', type: 'LogRecord', id: 2 },
            schemaUrl: { type: 'string', id: 3 },
          },
        },
        LogRecord: {
          fields: {
            timeUnixNano: { type: 'fixed64', id: 1 },
            observedTimeUnixNano: { type: 'fixed64', id: 11 },
            severityNumber: { type: 'int32', id: 2 },
            severityText: { type: 'string', id: 3 },
            body: { type: 'AnyValue', id: 5 },
            attributes: kv(6),
            droppedAttributesCount: { type: 'uint32', id: 7 },
            flags: { type: 'fixed32', id: 8 },
            traceId: { type: 'bytes', id: 9 },
            spanId: { type: 'bytes', id: 10 },
            eventName: { type: 'string', id: 12 },
          },
        },
        ExportLogsServiceRequest: { fields: { resourceLogs: { rule: 'repeated', type: 'ResourceLogs', id: 1 } } },
        ExportLogsServiceResponse: { fields: { partialSuccess: { type: 'ExportLogsPartialSuccess', id: 1 } } },
        // Metrics (opentelemetry/proto/metrics/v1/metrics.proto), decoded by reflection: they are far less
        // voluminous than spans and logs. Field names are the OTLP JSON names, so both encodings share one walk.
        ResourceMetrics: {
          fields: { resource: { type: 'Resource', id: 1 }, scopeMetrics: { rule: 'repeated', type: 'ScopeMetrics', id: 2 }, schemaUrl: { type: 'string', id: 3 } },
        },
        ScopeMetrics: {
          fields: { scope: { type: 'InstrumentationScope', id: 1 }, metrics: { rule: 'repeated', type: 'Metric', id: 2 }, schemaUrl: { type: 'string', id: 3 } },
        },
        Metric: {
          fields: {
            name: { type: 'string', id: 1 },
            description: { type: 'string', id: 2 },
            unit: { type: 'string', id: 3 },
            gauge: { type: 'MetricGauge', id: 5 },
            sum: { type: 'MetricSum', id: 7 },
            histogram: { type: 'MetricHistogram', id: 9 },
            exponentialHistogram: { type: 'MetricExponentialHistogram', id: 10 },
            summary: { type: 'MetricSummary', id: 11 },
            metadata: kv(12),
          },
        },
        MetricGauge: { fields: { dataPoints: { rule: 'repeated', type: 'NumberDataPoint', id: 1 } } },
        MetricSum: {
          fields: {
            dataPoints: { rule: 'repeated', type: 'NumberDataPoint', id: 1 },
            aggregationTemporality: { type: 'int32', id: 2 },
            isMonotonic: { type: 'bool', id: 3 },
          },
        },
        MetricHistogram: {
          fields: { dataPoints: { rule: 'repeated', type: 'HistogramDataPoint', id: 1 }, aggregationTemporality: { type: 'int32', id: 2 } },
        },
        MetricExponentialHistogram: {
          fields: { dataPoints: { rule: 'repeated', type: 'ExponentialHistogramDataPoint', id: 1 }, aggregationTemporality: { type: 'int32', id: 2 } },
        },
        MetricSummary: { fields: { dataPoints: { rule: 'repeated', type: 'SummaryDataPoint', id: 1 } } },
        NumberDataPoint: {
          fields: {
            attributes: kv(7),
            startTimeUnixNano: { type: 'fixed64', id: 2 },
            timeUnixNano: { type: 'fixed64', id: 3 },
            asDouble: { type: 'double', id: 4 },
            asInt: { type: 'sfixed64', id: 6 },
            exemplars: { rule: 'repeated', type: 'Exemplar', id: 5 },
            flags: { type: 'uint32', id: 8 },
          },
        },
        HistogramDataPoint: {
          fields: {
            attributes: kv(9),
            startTimeUnixNano: { type: 'fixed64', id: 2 },
            timeUnixNano: { type: 'fixed64', id: 3 },
            count: { type: 'fixed64', id: 4 },
            sum: { type: 'double', id: 5, options: { proto3_optional: true } },
            bucketCounts: { rule: 'repeated', type: 'fixed64', id: 6 },
            explicitBounds: { rule: 'repeated', type: 'double', id: 7 },
            exemplars: { rule: 'repeated', type: 'Exemplar', id: 8 },
            flags: { type: 'uint32', id: 10 },
            min: { type: 'double', id: 11, options: { proto3_optional: true } },
            max: { type: 'double', id: 12, options: { proto3_optional: true } },
          },
        },
        ExponentialHistogramDataPoint: {
          fields: {
            attributes: kv(1),
            startTimeUnixNano: { type: 'fixed64', id: 2 },
            timeUnixNano: { type: 'fixed64', id: 3 },
            count: { type: 'fixed64', id: 4 },
            sum: { type: 'double', id: 5, options: { proto3_optional: true } },
            scale: { type: 'sint32', id: 6 },
            zeroCount: { type: 'fixed64', id: 7 },
            positive: { type: 'ExponentialBuckets', id: 8 },
            negative: { type: 'ExponentialBuckets', id: 9 },
            flags: { type: 'uint32', id: 10 },
            exemplars: { rule: 'repeated', type: 'Exemplar', id: 11 },
            min: { type: 'double', id: 12, options: { proto3_optional: true } },
            max: { type: 'double', id: 13, options: { proto3_optional: true } },
            zeroThreshold: { type: 'double', id: 14 },
          },
        },
        ExponentialBuckets: { fields: { offset: { type: 'sint32', id: 1 }, bucketCounts: { rule: 'repeated', type: 'uint64', id: 2 } } },
        SummaryDataPoint: {
          fields: {
            attributes: kv(7),
            startTimeUnixNano: { type: 'fixed64', id: 2 },
            timeUnixNano: { type: 'fixed64', id: 3 },
            count: { type: 'fixed64', id: 4 },
            sum: { type: 'double', id: 5 },
            quantileValues: { rule: 'repeated', type: 'ValueAtQuantile', id: 6 },
            flags: { type: 'uint32', id: 8 },
          },
        },
        ValueAtQuantile: { fields: { quantile: { type: 'double', id: 1 }, value: { type: 'double', id: 2 } } },
        Exemplar: {
          fields: {
            filteredAttributes: kv(7),
            timeUnixNano: { type: 'fixed64', id: 2 },
            asDouble: { type: 'double', id: 3 },
            asInt: { type: 'sfixed64', id: 6 },
            spanId: { type: 'bytes', id: 4 },
            traceId: { type: 'bytes', id: 5 },
          },
        },
        ExportMetricsServiceRequest: { fields: { resourceMetrics: { rule: 'repeated', type: 'ResourceMetrics', id: 1 } } },
        ExportMetricsServiceResponse: { fields: { partialSuccess: { type: 'ExportMetricsPartialSuccess', id: 1 } } },
        ExportMetricsPartialSuccess: { fields: { rejectedDataPoints: { type: 'int64', id: 1 }, errorMessage: { type: 'string', id: 2 } } },
        ExportLogsPartialSuccess: { fields: { rejectedLogRecords: { type: 'int64', id: 1 }, errorMessage: { type: 'string', id: 2 } } },
      },
    },
  },
};

const root = protobuf.Root.fromJSON(descriptor);

export const OtlpProto = {
  ExportTraceServiceRequest: root.lookupType('otlp.ExportTraceServiceRequest'),
  ExportTraceServiceResponse: root.lookupType('otlp.ExportTraceServiceResponse'),
  ExportLogsServiceRequest: root.lookupType('otlp.ExportLogsServiceRequest'),
  ExportLogsServiceResponse: root.lookupType('otlp.ExportLogsServiceResponse'),
  ExportMetricsServiceRequest: root.lookupType('otlp.ExportMetricsServiceRequest'),
  ExportMetricsServiceResponse: root.lookupType('otlp.ExportMetricsServiceResponse'),
  RpcStatus: root.lookupType('otlp.RpcStatus'),
  RetryInfo: root.lookupType('otlp.RetryInfo'),
};
