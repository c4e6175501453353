-- Public relation: one row per entity mention; start/"end" are character offsets into documents.body.
with mentions as (
    select * from int_mentions__canonicalized
),

final as (
    select
        mention_id,
        document_id,
        start,
        "end",
        text,
        type,
        entity_id,
        canonical_name,
        origin,
        value,
        unit,
        normalized,
        model_version,
        run_id
    from mentions
)

select * from final
