/**
 * Layer rules (docs/decisions/0016-apps-and-libs-layout.md): the domain is pure; libs never
 * import apps; apps never import each other (what two apps share is a lib); only libs/runtime,
 * the Nest module every process boots, may use Nest; adapters keep their client libraries inside
 * their own folder.
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'libs/domain holds the business rules: no Nest, no I/O, no other lib',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: {
        pathNot: '^libs/domain/',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'domain-no-node-io',
      comment: 'no file system, network, database or clock libraries in the domain',
      severity: 'error',
      from: { path: '^libs/domain/' },
      to: {
        path: '(^node:|^(fs|net|http|https|child_process|crypto)$|@nestjs|better-sqlite3|^pg$|kafkajs|@eventstore)',
      },
    },
    {
      name: 'libs-do-not-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'apps-do-not-import-apps',
      comment: 'what several apps need (stores, projection host, publisher) is a lib',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'libs-do-not-use-nest',
      comment: "Nest is the apps' framework; libs stay framework-free, but for libs/runtime",
      severity: 'error',
      from: { path: '^libs/', pathNot: '^libs/runtime/' },
      to: { path: 'node_modules/@nestjs/' },
    },
    {
      name: 'only-runtime-wires-the-process',
      comment: 'libs/runtime sits above every other lib: none of them imports it',
      severity: 'error',
      from: { path: '^libs/', pathNot: '^libs/runtime/' },
      to: { path: '^libs/runtime/' },
    },
    {
      name: 'esdb-client-stays-in-its-adapter',
      severity: 'error',
      from: { pathNot: '^libs/event-store/src/esdb/' },
      to: { path: 'node_modules/@eventstore/' },
    },
    {
      name: 'kafka-client-stays-in-messaging',
      severity: 'error',
      from: { pathNot: '^(libs/messaging/|infra/kafka/)' },
      to: { path: 'node_modules/kafkajs/' },
    },
    {
      name: 'sqlite-client-stays-in-adapters',
      severity: 'error',
      from: { pathNot: '^libs/[^/]+/src/sqlite/' },
      to: { path: 'node_modules/better-sqlite3/' },
    },
    {
      name: 'pg-client-stays-in-adapters',
      severity: 'error',
      from: { pathNot: '^(libs/[^/]+/src/postgres/|test/)' },
      to: { path: 'node_modules/pg/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '(^dist/|\\.spec\\.ts$|\\.contract\\.ts$|/testing/)' },
  },
};
