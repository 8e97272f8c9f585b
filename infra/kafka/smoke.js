// Smoke test for the broker started by infra/kafka/start.sh, with kafkajs.
//
//   KAFKA_BROKERS=$(infra/kafka/start.sh | tail -1) node infra/kafka/smoke.js
//
// Creates a 3-partition topic with the admin client, produces with acks=-1,
// consumes everything back with a consumer group and checks it.
// Env:
//   KAFKA_BROKERS      host:port[,host:port] (required)
//   SMOKE_TOPIC        topic name (default: a fresh one per run)
//   SMOKE_MODE         "full" (default: create + produce + consume) or
//                      "verify" (only consume an existing SMOKE_TOPIC from the
//                      beginning with a fresh group and check SMOKE_EXPECT messages;
//                      used to show data survives a broker restart)
//   SMOKE_EXPECT       number of messages expected in verify mode (default 30)
//   SMOKE_GROUP        verify mode: also check this earlier group's committed offsets
// Prints "smoke: 1 passed, 0 failed" on success; exits non-zero on failure.
'use strict';

process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';

const path = require('path');
const { Kafka, logLevel } = require(
  require.resolve('kafkajs', {
    paths: [process.cwd(), path.resolve(__dirname, '../..')],
  }),
);

const brokers = (process.env.KAFKA_BROKERS || '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
if (brokers.length === 0) {
  console.error('smoke: KAFKA_BROKERS is not set');
  process.exit(2);
}
const mode = process.env.SMOKE_MODE || 'full';
const runId = `${Date.now()}-${process.pid}`;
const topic = process.env.SMOKE_TOPIC || `smoke-${runId}`;
const expect = mode === 'verify' ? Number(process.env.SMOKE_EXPECT || 30) : 30;
const TIMEOUT_MS = Number(process.env.SMOKE_TIMEOUT_MS || 60000);

const kafka = new Kafka({
  clientId: 'mesas-kafka-smoke',
  brokers,
  logLevel: logLevel.WARN,
  retry: { retries: 8, initialRetryTime: 200 },
});

function withTimeout(promise, ms, what) {
  let t;
  return Promise.race([
    promise,
    new Promise((_, rej) => {
      t = setTimeout(() => rej(new Error(`timeout after ${ms} ms: ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(t));
}

async function main() {
  const t0 = Date.now();
  const lap = (what) => console.log(`smoke: ${what} (+${Date.now() - t0} ms)`);
  const admin = kafka.admin();
  await admin.connect();
  lap(`connected to ${brokers.join(',')}`);

  if (mode === 'full') {
    const created = await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic, numPartitions: 3, replicationFactor: 1 }],
    });
    if (!created) throw new Error(`topic ${topic} already existed`);
    lap(`created topic ${topic} with 3 partitions`);
  }
  const meta = await admin.fetchTopicMetadata({ topics: [topic] });
  const parts = meta.topics[0].partitions.length;
  if (parts !== 3) throw new Error(`expected 3 partitions, got ${parts}`);

  if (mode === 'full') {
    // Idempotent: also exercises InitProducerId (transaction coordinator, whose
    // internal topic needs replication factor 1 on a single node).
    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      retry: { retries: Number.MAX_SAFE_INTEGER, initialRetryTime: 200, maxRetryTime: 2000 },
    });
    await producer.connect();
    const messages = [];
    for (let i = 0; i < expect; i++) messages.push({ key: `k${i % 7}`, value: `v${i}` });
    const res = await producer.send({ topic, acks: -1, messages });
    await producer.disconnect();
    lap(`produced ${expect} messages with acks=-1 (${res.length} partitions written)`);
  }

  const offsets = await admin.fetchTopicOffsets(topic);
  const total = offsets.reduce((n, p) => n + (Number(p.high) - Number(p.low)), 0);
  lap(`topic offsets: ${offsets.map((p) => `p${p.partition}=${p.low}..${p.high}`).join(' ')}`);
  if (total !== expect) throw new Error(`expected ${expect} messages in topic, found ${total}`);

  if (mode === 'verify' && process.env.SMOKE_GROUP) {
    const old = await admin.fetchOffsets({ groupId: process.env.SMOKE_GROUP, topics: [topic] });
    const sum = old[0].partitions.reduce((n, p) => n + Math.max(0, Number(p.offset)), 0);
    lap(`earlier group ${process.env.SMOKE_GROUP} still has committed offsets summing to ${sum}`);
    if (sum !== expect)
      throw new Error(`group ${process.env.SMOKE_GROUP}: committed ${sum} != ${expect}`);
  }

  const groupId = `smoke-group-${runId}`;
  const consumer = kafka.consumer({ groupId, sessionTimeout: 10000, heartbeatInterval: 1000 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const seen = new Set();
  let resolveAll;
  const all = new Promise((r) => (resolveAll = r));
  await consumer.run({
    eachMessage: async ({ message }) => {
      seen.add(message.value.toString());
      if (seen.size >= expect) resolveAll();
    },
  });
  try {
    await withTimeout(all, TIMEOUT_MS, `consume ${expect} messages (got ${seen.size})`);
  } finally {
    await consumer.disconnect().catch(() => {});
  }
  for (let i = 0; i < expect; i++) {
    if (!seen.has(`v${i}`)) throw new Error(`message v${i} not consumed`);
  }
  lap(`consumed all ${expect} messages with consumer group ${groupId}`);

  const committed = await admin.fetchOffsets({ groupId, topics: [topic] });
  const committedTotal = committed[0].partitions.reduce(
    (n, p) => n + Math.max(0, Number(p.offset)),
    0,
  );
  lap(`group committed offsets sum to ${committedTotal}`);
  if (committedTotal !== expect)
    throw new Error(`committed offsets ${committedTotal} != ${expect}`);
  await admin.disconnect();
  console.log(`smoke: topic=${topic}`);
}

withTimeout(main(), TIMEOUT_MS * 2, 'smoke test')
  .then(() => {
    console.log('smoke: 1 passed, 0 failed');
    process.exit(0);
  })
  .catch((err) => {
    console.error('smoke: FAILED:', err && err.stack ? err.stack : err);
    console.log('smoke: 0 passed, 1 failed');
    process.exit(1);
  });
