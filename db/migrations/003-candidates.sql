-- Candidate terms proposed by extraction, reviewed by a terminologist. A candidate belongs
-- to the document it was found in; its forms and evidence are JSON (shapes in
-- glossary/extract/types.ts). concept_id has no foreign key: the concept an accepted
-- candidate created may be deleted later, and the queue keeps the record.
CREATE TABLE candidate_documents (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  chars      INTEGER NOT NULL,
  script     TEXT NOT NULL,
  actor      TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE candidates (
  id          INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES candidate_documents(id) ON DELETE CASCADE,
  key         TEXT NOT NULL,             -- folded primary form
  kind        TEXT NOT NULL,
  forms       TEXT NOT NULL,             -- JSON CandidateForm[]
  evidence    TEXT NOT NULL,             -- JSON Evidence[]
  score       REAL NOT NULL,
  frequency   INTEGER NOT NULL,
  subject     TEXT,
  known_concept_id INTEGER,              -- the concept that already has some of the forms
  status      TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'merged', 'rejected')),
  concept_id  INTEGER,                   -- the concept created or merged into
  decided_by  TEXT,
  decided_at  TEXT,
  created_at  TEXT NOT NULL,
  UNIQUE (document_id, key)
);
CREATE INDEX candidates_status ON candidates(status, score DESC);
CREATE INDEX candidates_key ON candidates(key);

-- Rejections outlive the candidate and its document: a rejected form is never proposed again.
CREATE TABLE candidate_rejections (
  key        TEXT PRIMARY KEY,           -- folded form
  text       TEXT NOT NULL,
  actor      TEXT NOT NULL,
  at         TEXT NOT NULL
);
