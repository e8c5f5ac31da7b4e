-- An adopted 票决办法 is frozen: the text the session voted on and the rule it fixed never change.
CREATE TRIGGER voting_procedure_no_update BEFORE UPDATE ON voting_procedure
BEGIN
  SELECT RAISE(ABORT, 'voting_procedure is frozen once adopted');
END;
--> statement-breakpoint
CREATE TRIGGER voting_procedure_no_delete BEFORE DELETE ON voting_procedure
BEGIN
  SELECT RAISE(ABORT, 'voting_procedure is frozen once adopted');
END;
