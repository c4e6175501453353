-- Staging: the lake's committed inputs parts, 1:1.
select * from {lake:inputs}
