-- Public relation: one row per rejected input record, with a reason code and detail.
with quarantine as (
    select * from stg_lake__quarantine
),

final as (
    select source, reason, detail, content_hash, run_id, quarantined_at
    from quarantine
)

select * from final
