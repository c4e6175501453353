-- Staging: the lake's committed mentions parts, 1:1.
select * from {lake:mentions}
