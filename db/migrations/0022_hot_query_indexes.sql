CREATE INDEX `audit_log_target` ON `audit_log` (`target_type`,`target_id`);--> statement-breakpoint
CREATE INDEX `candidate_proposal_proposal` ON `candidate_proposal` (`proposal_id`);--> statement-breakpoint
CREATE INDEX `poll_parent` ON `poll` (`parent_poll_id`);--> statement-breakpoint
CREATE INDEX `representative_user` ON `representative` (`user_id`);--> statement-breakpoint
CREATE INDEX `session_cycle` ON `session` (`cycle_id`);--> statement-breakpoint
CREATE INDEX `session_roster_representative` ON `session_roster` (`representative_id`);