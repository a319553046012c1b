import { expect } from 'chai';
import { createSilentLogger } from '../logger.ts';
import { AuditLog, type AuditRecord } from './audit-log.ts';

function run(user: string, command: string, args = '', extra: Partial<AuditRecord> = {}): AuditRecord {
  return { user, where: 'direct', command, plugin: 'ops', args, secret: false, outcome: 'ok', durationMs: 1.5, ...extra };
}

describe('the audit log', function () {
  it('shows the newest commands first, only as many as asked, and one person\'s when asked', function () {
    const audit = new AuditLog(createSilentLogger());
    audit.record(run('@alice', 'deploy', 'api'));
    audit.record(run('@bob', 'status'));
    audit.record(run('@alice', 'rollback', 'api', { outcome: 'failed', errorId: 'e1f2a3b4', where: '#ops' }));
    expect(audit.recent().map((e) => `${e.user} ${e.command} ${e.args}`)).to.deep.equal(['@alice rollback api', '@bob status ', '@alice deploy api']);
    expect(audit.recent(1).map((e) => e.command)).to.deep.equal(['rollback']);
    const alice = audit.recent(20, '@alice');
    expect(alice.map((e) => e.command)).to.deep.equal(['rollback', 'deploy']);
    expect(alice[0]).to.include({ where: '#ops', plugin: 'ops', outcome: 'failed', errorId: 'e1f2a3b4', durationMs: 1.5 });
    expect(alice[0]!.at).to.be.instanceOf(Date);
  });

  it('keeps only the last `capacity` commands, dropping the oldest as new ones come', function () {
    const audit = new AuditLog(createSilentLogger(), 3);
    for (let n = 1; n <= 7; n++) audit.record(run('@alice', `cmd${n}`));
    expect(audit.recent(10).map((e) => e.command)).to.deep.equal(['cmd7', 'cmd6', 'cmd5']);
  });

  it('never shows the arguments of a secret command, and redacts secrets in the others', function () {
    const audit = new AuditLog(createSilentLogger());
    audit.record(run('@alice', 'login', 'hunter2', { secret: true }));
    audit.record(run('@alice', 'deploy', 'api --token=abc123def456'));
    const [deploy, login] = audit.recent();
    expect(login!.args).to.equal('[redacted]');
    expect(deploy!.args).to.not.include('abc123def456');
  });

  it('tells its observer of every record as it is given', function () {
    const audit = new AuditLog(createSilentLogger());
    const seen: string[] = [];
    audit.observe((record) => seen.push(`${record.command}:${record.outcome}`));
    audit.record(run('@alice', 'deploy'));
    audit.observe(undefined);
    audit.record(run('@alice', 'status'));
    expect(seen).to.deep.equal(['deploy:ok']);
  });
});
