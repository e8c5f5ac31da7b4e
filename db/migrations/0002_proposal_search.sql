-- Full-text search over proposals for the clerk's intake list. The trigram tokenizer works for Chinese
-- (no word segmentation needed) but matches only terms of 3+ characters: shorter terms fall back to LIKE.
CREATE VIRTUAL TABLE proposal_fts USING fts5(title, description, content='proposal', content_rowid='id', tokenize='trigram');
--> statement-breakpoint
CREATE TRIGGER proposal_fts_insert AFTER INSERT ON proposal BEGIN
  INSERT INTO proposal_fts(rowid, title, description) VALUES (new.id, new.title, new.description);
END;
--> statement-breakpoint
CREATE TRIGGER proposal_fts_delete AFTER DELETE ON proposal BEGIN
  INSERT INTO proposal_fts(proposal_fts, rowid, title, description) VALUES ('delete', old.id, old.title, old.description);
END;
--> statement-breakpoint
CREATE TRIGGER proposal_fts_update AFTER UPDATE OF title, description ON proposal BEGIN
  INSERT INTO proposal_fts(proposal_fts, rowid, title, description) VALUES ('delete', old.id, old.title, old.description);
  INSERT INTO proposal_fts(rowid, title, description) VALUES (new.id, new.title, new.description);
END;
