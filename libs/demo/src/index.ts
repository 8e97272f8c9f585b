export {
  DemoDataError,
  parseIndexFile,
  parseMesaFile,
  type DemoBody,
  type DemoIndexFile,
  type DemoJson,
  type DemoList,
  type DemoListChange,
  type DemoMesaFile,
  type DemoRole,
  type DemoSeries,
  type DemoStepSource,
  type DemoTemplate,
} from './demo-file.schema';
export {
  INDEX_FILE,
  compileDemoScript,
  demoDataDir,
  readDemoScript,
  type DemoCommand,
} from './demo-script';
export { DEMO_ACTORS, DEMO_AUDITOR, demoCommandId, type DemoActor } from './demo-actors';
export {
  demoProgress,
  type DemoMesaProgress,
  type DemoProgress,
  type DemoStoreReader,
  type DemoVerdict,
} from './demo-progress';
export { loadDemo, type DemoLoadOptions, type DemoLoadReport } from './demo-loader';
export {
  DEMO_LOAD_SUMMARY,
  DEMO_LOAD_USAGE,
  DEMO_STATUS_SUMMARY,
  DEMO_STATUS_USAGE,
  runDemoLoad,
  runDemoStatus,
  type DemoCliContext,
} from './demo-cli';
