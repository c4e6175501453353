-- Staging: the lake's committed quarantine parts, 1:1.
select * from {lake:quarantine}
