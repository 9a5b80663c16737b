-- What an imported file said about a term, so that an export writes it back (issue 15):
-- its id in that file (tig/termSec @id) and its status as written there ("supersededTerm-admn-sts",
-- or "none" when the file gave none and the stored status was inferred). NULL for terms made here.
-- If the hardening work lands its id migration as 004 first, this one becomes 005.
ALTER TABLE terms ADD COLUMN external_id TEXT;
ALTER TABLE terms ADD COLUMN status_source TEXT;
