/**
 * `banter/testing`: the kit for testing plugins and backends. The test backend and `createTestBot` for
 * transcript-style plugin tests, and the shared suites every backend runs.
 */
export { TestBackend, TestBot, createTestBot, createTestBackend, type SayOptions, type TestAction, type TestBotOptions } from '../../backends/test/index.ts';
export { pluginEndToEndSuite, type ChatDriver, type EndToEndTarget } from './plugin-end-to-end-suite.ts';
export { backendConformanceSuite, type ConformanceTarget } from './backend-conformance-suite.ts';
export { storageContractSuite, type StorageContractTarget } from './storage-contract-suite.ts';
export { SamplePlugin } from './sample-plugin.ts';
export { banterAssertions, type ChaiComparison, type ChaiWithAssertion, type ExpectedAnswer } from './chai-banter.ts';
export { ManualClock } from '../scheduling/manual-clock.ts';
export { NULL_SINK } from './null-sink.ts';
export { ChangeWaiter } from './change-waiter.ts';
