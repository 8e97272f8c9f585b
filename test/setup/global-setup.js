// Runs once before the int and e2e projects. Under CI=true every service the tests talk to must
// be reachable: a missing PostgreSQL or Kafka fails the run here, loudly, instead of letting
// the suites that need it skip. Outside CI the suites say themselves what they skipped.
const net = require('node:net');

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';

function reachable(host, port, timeoutMs = 3000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

module.exports = async () => {
  process.env.TEST_DATABASE_URL =
    process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  if (process.env.CI !== 'true') return;
  const problems = [];
  const db = new URL(process.env.TEST_DATABASE_URL);
  if (!(await reachable(db.hostname, Number(db.port || 5432)))) {
    problems.push(
      `PostgreSQL is not reachable at ${db.hostname}:${db.port || 5432} (TEST_DATABASE_URL/DATABASE_URL)`,
    );
  }
  const brokers = (process.env.KAFKA_BROKERS || '').split(',').filter(Boolean);
  if (brokers.length === 0) {
    problems.push('KAFKA_BROKERS is not set: start a broker with infra/kafka/start.sh');
  } else {
    const [host, port] = brokers[0].split(':');
    if (!(await reachable(host, Number(port))))
      problems.push(`Kafka is not reachable at ${brokers[0]}`);
  }
  if (problems.length > 0) {
    throw new Error(`CI=true and a service the tests need is missing:\n- ${problems.join('\n- ')}`);
  }
};
