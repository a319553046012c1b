import { expect } from 'chai';
import { ConfigError } from '../errors/config-error.ts';
import { validateConfig } from '../config/validate-config.ts';

function issuesOf(web: unknown): string[] {
  try {
    validateConfig({ web });
  } catch (err) {
    if (err instanceof ConfigError) return err.issues.map((i) => `${i.path}: ${i.message}`);
    throw err;
  }
  return [];
}

describe('the web section of config.ts', function () {
  it('is off by default, and listens on this machine only once turned on', function () {
    expect(validateConfig({}).web).to.deep.equal({
      enabled: false,
      host: '127.0.0.1',
      port: 3141,
      bodyLimit: 1048576,
      health: true,
      healthPath: '/health',
      metrics: true,
      metricsPath: '/metrics',
    });
    expect(validateConfig({ web: { enabled: true } }).web).to.include({ enabled: true, host: '127.0.0.1', port: 3141 });
  });

  it('names every bad field with what to write instead', function () {
    expect(issuesOf({ enabled: 'yes', host: '', port: 70000, bodyLimit: 0, healthPath: 'health', metricsPath: '/webhooks/metrics' })).to.deep.equal([
      'web.enabled: must be true or false',
      'web.host: must not be empty; "127.0.0.1" listens on this machine only',
      'web.port: must be between 0 and 65535; 0 picks any free port',
      'web.bodyLimit: must be more than 0 bytes, e.g. 1048576 (1 MiB)',
      'web.healthPath: must be a path of plain segments starting with "/", such as "/health"',
      'web.metricsPath: must not be under /webhooks/, which belongs to the plugins\' webhooks; e.g. "/metrics"',
    ]);
    expect(issuesOf({ port: 80.5 })).to.deep.equal(['web.port: must be a whole number, e.g. 3141']);
    expect(issuesOf({ prot: 80 })).to.deep.equal(['web: unknown field "prot"; remove it or check the spelling (docs/configuration.md lists every field)']);
  });

  it('refuses one path for both health and metrics', function () {
    expect(issuesOf({ healthPath: '/status', metricsPath: '/status' })).to.deep.equal(['web.metricsPath: must differ from healthPath ("/status"), e.g. "/metrics"']);
    expect(issuesOf({ healthPath: '/status', metricsPath: '/status', metrics: false })).to.deep.equal([]);
  });
});
