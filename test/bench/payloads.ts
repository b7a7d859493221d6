/**
 * Realistic Letta Run payloads (shaped like the Letta API's responses) for the guard benchmark. Each invalid
 * payload is a full, otherwise valid Run with one defect, as a real bad response would be.
 */

export interface Payload {
  readonly name: string;
  readonly value: unknown;
}

const FULL = {
  id: "run-a1b2c3d4-0000-4000-8000-000000000001",
  status: "completed",
  created_at: "2026-05-21T14:03:22.481+00:00",
  completed_at: "2026-05-21T14:04:10.002113Z",
  agent_id: "agent-7b1e4c2d-1111-4a2b-9c3d-4e5f6a7b8c9d",
  conversation_id: "conv-42",
  base_template_id: "tmpl-9",
  background: true,
  metadata: { source: "slack", priority: 2 },
  request_config: {
    use_assistant_message: true,
    assistant_message_tool_name: "send_message",
    assistant_message_tool_kwarg: "message",
    include_return_message_types: null,
  },
  stop_reason: "end_turn",
  callback_url: "https://example.com/hooks/letta",
  callback_sent_at: "2026-05-21T14:04:11Z",
  callback_status_code: 200,
  callback_error: null,
  ttft_ns: 812345678,
  total_duration_ns: 48002113000,
};

const ALL_NULL = {
  id: "run-3f9c2a1b-5d4e-4f6a-8b7c-9d0e1f2a3b4c",
  status: "running",
  created_at: "2026-05-21T14:03:22.481Z",
  completed_at: null,
  agent_id: "agent-7b1e4c2d-1111-4a2b-9c3d-4e5f6a7b8c9d",
  conversation_id: null,
  base_template_id: null,
  background: null,
  metadata: null,
  request_config: null,
  stop_reason: null,
  callback_url: null,
  callback_sent_at: null,
  callback_status_code: null,
  callback_error: null,
  ttft_ns: null,
  total_duration_ns: null,
};

const { agent_id: _dropped, ...FULL_WITHOUT_AGENT } = FULL;

export const VALID_PAYLOADS: readonly Payload[] = [
  { name: "all-null", value: ALL_NULL },
  { name: "full", value: FULL },
  { name: "minimal", value: { agent_id: "agent-7b1e4c2d-1111-4a2b-9c3d-4e5f6a7b8c9d" } },
];

export const INVALID_PAYLOADS: readonly Payload[] = [
  { name: "bad-status", value: { ...FULL, status: "paused" } },
  { name: "bad-created_at", value: { ...FULL, created_at: "2026-05-21 14:03" } },
  { name: "no-agent_id", value: FULL_WITHOUT_AGENT },
];
