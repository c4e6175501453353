-- Staging: the lake's committed documents parts, 1:1.
select * from {lake:documents}
