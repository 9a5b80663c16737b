import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AuditLog } from '../../db/audit.ts';
import { openDatabase } from '../../db/connection.ts';
import { UserRepository } from '../../db/users.ts';
import { accountEventSummary } from '../../server/i18n/account-events.ts';
import { translator } from '../../server/i18n/catalogue.ts';

test('account events on a page of /changes are worded from their kind, account and roles, in each language', () => {
  const db = openDatabase(':memory:').db;
  const users = new UserRepository(db);
  users.create({ name: 'ada', role: 'admin', passwordHash: 'x' }, 'setup');
  users.create({ name: 'eve', role: 'viewer', passwordHash: 'x' }, 'ada');
  users.setRole('eve', 'editor', 'ada');
  users.remove('eve', 'ada');
  // the page's query (newest first), which must bring the roles along
  const events = new AuditLog(db).list({ accounts: true, limit: 10 }).filter((e) => e.kind === 'account');
  db.close();
  assert.deepEqual(
    events.map((e) => e.action),
    ['user-remove', 'user-role', 'user-add', 'user-add'],
  );
  const lines = (locale: 'en' | 'zh-CN' | 'zh-TW' | 'zh-HK') => events.slice(0, 3).map((e) => accountEventSummary(e, translator(locale)));
  assert.deepEqual(lines('en'), ['removed eve (editor)', 'eve: viewer → editor', 'added eve (viewer)']);
  assert.deepEqual(lines('zh-CN'), ['删除了用户 eve（编辑）', '将用户 eve 的角色从查看者改为编辑', '添加了用户 eve（查看者）']);
  assert.deepEqual(lines('zh-TW'), ['刪除了使用者 eve（編輯者）', '將使用者 eve 的角色從檢視者改為編輯者', '新增了使用者 eve（檢視者）']);
  assert.equal(lines('zh-HK')[0], '刪除了用戶 eve（編輯者）');
  // the English line is the log's own (which the CSV keeps), but for the role removed
  assert.equal(accountEventSummary(events[1]!, translator('en')), events[1]!.summary);
});

test('a password change names the account; an event of an unknown kind still shows its action and account', () => {
  const t = translator('zh-CN');
  assert.equal(accountEventSummary({ action: 'user-password', target: 'eve', before: null, after: null }, t), '更改了用户 eve 的密码');
  assert.equal(accountEventSummary({ action: 'user-lock', target: 'eve', before: null, after: null }, t), 'user-lock eve');
});
