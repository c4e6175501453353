-- Staging: the lake's committed roles parts, 1:1.
select * from {lake:roles}
