-- Concepts own terms; history keeps a snapshot before and after every change so that any
-- change, deletion included, can be inspected and undone.
CREATE TABLE concepts (
  id          INTEGER PRIMARY KEY,
  external_id TEXT UNIQUE,
  subject     TEXT,
  definition  TEXT,
  note        TEXT,
  extra       TEXT NOT NULL DEFAULT '[]',   -- JSON: unknown TBX data categories, kept for export
  version     INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX concepts_subject ON concepts(subject);

CREATE TABLE terms (
  id             INTEGER PRIMARY KEY,
  concept_id     INTEGER NOT NULL REFERENCES concepts(id) ON DELETE CASCADE,
  position       INTEGER NOT NULL,
  text           TEXT NOT NULL CHECK (length(trim(text)) > 0),
  lang           TEXT NOT NULL,
  region         TEXT,
  status         TEXT NOT NULL CHECK (status IN ('preferred', 'admitted', 'deprecated', 'forbidden')),
  type           TEXT CHECK (type IS NULL OR type IN ('fullForm', 'abbreviation', 'acronym', 'shortForm', 'variant')),
  part_of_speech TEXT,
  source         TEXT,
  note           TEXT,
  context        TEXT,
  extra          TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX terms_concept ON terms(concept_id, position);
CREATE INDEX terms_lang_text ON terms(lang, text);
CREATE INDEX terms_text ON terms(text);

-- No foreign key to concepts: the history of a deleted concept must outlive it.
CREATE TABLE concept_history (
  id         INTEGER PRIMARY KEY,
  concept_id INTEGER NOT NULL,
  version    INTEGER NOT NULL,
  action     TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'restore')),
  actor      TEXT NOT NULL,
  at         TEXT NOT NULL,
  summary    TEXT NOT NULL,
  before     TEXT,  -- JSON ConceptSnapshot, NULL for create
  after      TEXT   -- JSON ConceptSnapshot, NULL for delete
);
CREATE INDEX concept_history_concept ON concept_history(concept_id, id);
CREATE INDEX concept_history_at ON concept_history(at);
