using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Campaigns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Campaigns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    OfferKind = table.Column<int>(type: "integer", nullable: false),
                    OfferCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Filter = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    SourceRuleId = table.Column<long>(type: "bigint", nullable: true),
                    ControlPercent = table.Column<int>(type: "integer", nullable: false),
                    LaunchedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    LaunchedByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ManagerUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    LaunchedAtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    EndsAtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    TreatmentCount = table.Column<int>(type: "integer", nullable: false),
                    ControlCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Campaigns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CampaignTargets",
                columns: table => new
                {
                    CampaignId = table.Column<Guid>(type: "uuid", nullable: false),
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    Group = table.Column<int>(type: "integer", nullable: false),
                    Segment = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Saving = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: true),
                    FirstViewedAtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    Response = table.Column<int>(type: "integer", nullable: false),
                    RespondedAtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: true),
                    RespondedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    FollowUpId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CampaignTargets", x => new { x.CampaignId, x.AccountId });
                    table.ForeignKey(
                        name: "FK_CampaignTargets_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CampaignTargets_Campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "Campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Campaigns_LaunchedAtUtc",
                table: "Campaigns",
                column: "LaunchedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Campaigns_OfferKind_OfferCode",
                table: "Campaigns",
                columns: new[] { "OfferKind", "OfferCode" });

            migrationBuilder.CreateIndex(
                name: "IX_CampaignTargets_AccountId_Response",
                table: "CampaignTargets",
                columns: new[] { "AccountId", "Response" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CampaignTargets");

            migrationBuilder.DropTable(
                name: "Campaigns");
        }
    }
}
