-- Staging: the lake's committed removed_lines parts, 1:1.
select * from {lake:removed_lines}
