import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openDatabase } from '../../db/connection.ts';
import { LoginThrottle } from '../../db/login-attempts.ts';
import { hashToken, SessionRepository } from '../../db/sessions.ts';
import { UserRepository } from '../../db/users.ts';
import { hashPassword, verifyPassword } from '../../server/auth/passwords.ts';

test('the same password hashes differently for each user (per-user salt) and verifies against each', async () => {
  const [a, b] = await Promise.all([hashPassword('same password'), hashPassword('same password')]);
  assert.notEqual(a, b);
  assert.equal(await verifyPassword('same password', a), true);
  assert.equal(await verifyPassword('same password', b), true);
  assert.equal(await verifyPassword('same passwore', a), false);
  assert.equal(await verifyPassword('same password', null), false, 'no user: false, after the same work');
  assert.equal(await verifyPassword('x', 'not-a-hash'), false);
  assert.equal(await verifyPassword('x'.repeat(2000), a), false, 'absurdly long passwords are not hashed');
});

test('sessions store only a hash of the token, end at logout, and expire when idle', () => {
  const { db } = openDatabase(':memory:');
  const users = new UserRepository(db);
  const ann = users.create({ name: 'ann', role: 'editor', passwordHash: 'x' }, 't');
  const sessions = new SessionRepository(db, { idleMs: 60_000 });
  const { token } = sessions.create(ann.id);
  const stored = db.prepare('SELECT token_hash FROM sessions').pluck().all();
  assert.deepEqual(stored, [hashToken(token)]);
  assert.equal(sessions.find(token)?.user.name, 'ann');
  assert.equal(sessions.find(`${token}x`), undefined);
  // Idle for longer than the limit:
  db.prepare("UPDATE sessions SET expires_at = '2000-01-01T00:00:00.000Z'").run();
  assert.equal(sessions.find(token), undefined);
  assert.equal(db.prepare('SELECT count(*) FROM sessions').pluck().get(), 0, 'the expired session is gone');
  const second = sessions.create(ann.id).token;
  sessions.end(second);
  assert.equal(sessions.find(second), undefined);
});

test('changing a role or a password ends the user’s sessions; the last admin stays admin', () => {
  const { db } = openDatabase(':memory:');
  const users = new UserRepository(db);
  const ann = users.create({ name: 'ann', role: 'admin', passwordHash: 'x' }, 't');
  const sessions = new SessionRepository(db, { idleMs: 60_000 });
  const t1 = sessions.create(ann.id).token;
  users.setPasswordHash('ann', 'y', 't');
  assert.equal(sessions.find(t1), undefined);
  assert.throws(() => users.setRole('ann', 'viewer', 't'), /only admin/);
  assert.throws(() => users.remove('ann', 't'), /only admin/);
  users.create({ name: 'bob', role: 'admin', passwordHash: 'x' }, 't');
  const t2 = sessions.create(ann.id).token;
  assert.equal(users.setRole('ann', 'viewer', 't').role, 'viewer');
  assert.equal(sessions.find(t2), undefined);
});

test('login throttling counts failures per account and address within the window, and forgives after it', () => {
  const { db } = openDatabase(':memory:');
  const throttle = new LoginThrottle(db, { maxFailures: 3, windowMs: 60_000 });
  const t0 = 1_000_000;
  for (let i = 0; i < 3; i++) {
    assert.equal(throttle.retryAfterMs('Ann', '10.0.0.1', t0 + i), 0);
    throttle.recordFailure('Ann', '10.0.0.1', t0 + i);
  }
  assert.equal(throttle.retryAfterMs('ann', '10.0.0.1', t0 + 10), 60_000 - 10, 'names are compared case-insensitively');
  assert.equal(throttle.retryAfterMs('ann', '10.0.0.2', t0 + 10), 0, 'another address is not locked out');
  assert.equal(throttle.retryAfterMs('bob', '10.0.0.1', t0 + 10), 0, 'another account is not locked out');
  assert.equal(throttle.retryAfterMs('ann', '10.0.0.1', t0 + 60_001), 0, 'after the window');
});

test('one address trying many accounts is stopped too', () => {
  const { db } = openDatabase(':memory:');
  const throttle = new LoginThrottle(db, { maxFailures: 2, windowMs: 60_000 });
  for (let i = 0; i < throttle.maxPerAddress; i++) throttle.recordFailure(`user${i}`, '10.0.0.9', 1000 + i);
  assert.ok(throttle.retryAfterMs('fresh-name', '10.0.0.9', 2000) > 0);
});
