ALTER TABLE `poll` ADD `is_test` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `poll` ADD `test_submissions` integer;