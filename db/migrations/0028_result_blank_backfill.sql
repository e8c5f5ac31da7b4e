-- 空白票 of the polls counted before the count stored it: a valid ballot whose every line is the poll's unmarked
-- mark ('none' on a 勾选 selection ballot, 'abstain' otherwise), from the table its ballots are in. One pass over
-- each ballot table (the anonymous one has no index by poll), not one per poll.
UPDATE `poll_result` SET `blank_ballots` = 0;
--> statement-breakpoint
UPDATE `poll_result` SET `blank_ballots` = `blanks`.`n` FROM (
	SELECT b.`poll_id` AS `poll_id`, count(*) AS `n`
	FROM `ballot` b
	JOIN `poll` p ON p.`id` = b.`poll_id`
	JOIN `poll_result` r ON r.`poll_id` = b.`poll_id`
	WHERE p.`secrecy` = 'secret' AND b.`valid` = 1 AND NOT EXISTS (
		SELECT 1 FROM json_each(b.`marks`) m
		WHERE m.`value` <> CASE WHEN p.`kind` <> 'evaluation' AND coalesce(json_extract(r.`result`, '$.rule.ballotForm'), p.`ballot_form`) = 'tick' THEN 'none' ELSE 'abstain' END
	)
	GROUP BY b.`poll_id`
) AS `blanks` WHERE `poll_result`.`poll_id` = `blanks`.`poll_id`;
--> statement-breakpoint
UPDATE `poll_result` SET `blank_ballots` = `blanks`.`n` FROM (
	SELECT b.`poll_id` AS `poll_id`, count(*) AS `n`
	FROM `named_ballot` b
	JOIN `poll` p ON p.`id` = b.`poll_id`
	JOIN `poll_result` r ON r.`poll_id` = b.`poll_id`
	WHERE p.`secrecy` = 'named' AND b.`valid` = 1 AND NOT EXISTS (
		SELECT 1 FROM json_each(b.`marks`) m
		WHERE m.`value` <> CASE WHEN p.`kind` <> 'evaluation' AND coalesce(json_extract(r.`result`, '$.rule.ballotForm'), p.`ballot_form`) = 'tick' THEN 'none' ELSE 'abstain' END
	)
	GROUP BY b.`poll_id`
) AS `blanks` WHERE `poll_result`.`poll_id` = `blanks`.`poll_id`;
