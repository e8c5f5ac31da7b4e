-- Ballot secrecy: the anonymous table keeps no rowid (drizzle-kit cannot declare WITHOUT ROWID, so the table the
-- previous migration made keyed by (poll, id) is rebuilt by hand; the columns are exactly those of db/schema.ts).
-- The marks become compact (src/domain/compactMarks.ts): one character per option in position order, '.' for an
-- option the ballot does not mention, so a poll's count reads character codes instead of parsing JSON per ballot.
CREATE TABLE `ballot_compact` (
	`id` text NOT NULL,
	`poll_id` integer NOT NULL,
	`marks` text NOT NULL,
	`valid` integer NOT NULL,
	`invalid_reason` text DEFAULT '' NOT NULL,
	PRIMARY KEY(`poll_id`, `id`),
	FOREIGN KEY (`poll_id`) REFERENCES `poll`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `ballot_compact` (`id`, `poll_id`, `marks`, `valid`, `invalid_reason`)
SELECT b.`id`, b.`poll_id`, coalesce((
	SELECT group_concat(CASE json_extract(b.`marks`, '$."' || o.`id` || '"')
		WHEN 'for' THEN 'F' WHEN 'against' THEN 'A' WHEN 'abstain' THEN 'Q'
		WHEN 'satisfied' THEN 'S' WHEN 'basicallySatisfied' THEN 'B' WHEN 'dissatisfied' THEN 'D'
		WHEN 'spoiled' THEN 'X' WHEN 'none' THEN 'N' ELSE '.' END, '' ORDER BY o.`position`, o.`id`)
	FROM `poll_option` o WHERE o.`poll_id` = b.`poll_id`
), ''), b.`valid`, b.`invalid_reason`
FROM `ballot` b ORDER BY b.`poll_id`, b.`id`;
--> statement-breakpoint
DROP TABLE `ballot`;
--> statement-breakpoint
ALTER TABLE `ballot_compact` RENAME TO `ballot`;
