using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class TariffRecommendations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "TariffRecommendations",
                columns: table => new
                {
                    AccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    WindowEnd = table.Column<DateOnly>(type: "date", nullable: false),
                    CurrentPackageCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CatalogStamp = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Confidence = table.Column<int>(type: "integer", nullable: false),
                    BestPackageCode = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    BestSaving = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    Json = table.Column<string>(type: "text", nullable: false),
                    ComputedAtUtc = table.Column<DateTime>(type: "timestamp without time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TariffRecommendations", x => x.AccountId);
                    table.ForeignKey(
                        name: "FK_TariffRecommendations_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TariffRecommendations");
        }
    }
}
