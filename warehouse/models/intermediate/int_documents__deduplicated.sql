-- One row per distinct content: the first committed processing of each content hash wins.
with documents as (
    select * from stg_lake__documents
),

ranked as (
    select
        *,
        row_number() over (partition by content_hash order by ingested_at, run_id, part, source) as content_rank
    from documents
),

final as (
    select * exclude (content_rank) from ranked where content_rank = 1
)

select * from final
